"""What the test suites of every app share beyond the root conftest's world."""
