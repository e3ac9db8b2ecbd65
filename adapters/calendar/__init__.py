"""Calendar export (iCalendar files) with the ``icalendar`` library."""
