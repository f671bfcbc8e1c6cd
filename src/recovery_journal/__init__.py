"""recovery-journal: a private recovery journal for ketamine and esketamine treatment."""

__version__ = "0.1.0"
