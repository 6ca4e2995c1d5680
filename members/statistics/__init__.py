"""The official annual statistics table of mobile members (流动党员情况) for a subtree and year."""
