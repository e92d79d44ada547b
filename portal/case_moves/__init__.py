"""A case's way through its procedure, shared by every journey that moves or closes a case: `moving` (the one
case-moving service) and `closing` (the one closing service). Neither imports a journey, so casework, the
Participation Team's pages and the later stages can all use them."""
