"""Learning records and their actions as a service other parts of the portal call: the Stage 1 findings record
learning when a finding is upheld or partially upheld, and the learning pages (`portal.learning`) record and change
it. Not a journey: any journey may import it, and it imports none (the import contracts in pyproject.toml)."""
