"""Test-wide settings."""

from hypothesis import HealthCheck, settings

# A loaded 2-core CI machine makes wall-clock deadlines flaky; correctness is what these tests check.
settings.register_profile("project", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("project")
