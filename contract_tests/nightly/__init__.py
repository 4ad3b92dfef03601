"""The nightly verdict: tonight's findings against last night's, the re-run, the issues, stale entries."""
