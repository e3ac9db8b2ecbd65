"""Notifiers: the Notifier port per platform, used by the outbox dispatcher (``scheduler/``).

``console`` prints (and records), ``telegram`` sends through a PTB ``Bot``, ``discord`` through
discord.py's REST client, ``file`` appends one line per message (crash tests, benchmarks).
"""
