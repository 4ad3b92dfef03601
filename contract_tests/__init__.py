"""The contract suite and the fake Cashfree server it runs against."""
