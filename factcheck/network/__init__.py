"""The network door: every outbound request goes through the safe fetcher, which refuses private addresses."""
