"""Pure domain rules for the feedback portal: standard library only, no Flask, no database, no clock."""
