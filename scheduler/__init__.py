"""Scheduled work and delivery: the leader-elected APScheduler runner, its jobs, the outbox
dispatcher and its per-platform pacing. Started by ``scheduler.service.run_with_settings``."""
