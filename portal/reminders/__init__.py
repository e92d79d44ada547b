"""The daily reminders of what is due soon and overdue: `flask reminders send` (see `portal.reminders.services`)."""
