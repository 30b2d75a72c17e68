"""Storage adapters implementing the domain's repository protocols."""
