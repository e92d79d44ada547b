"""Staff sign-in: accounts, passwords and roles."""
