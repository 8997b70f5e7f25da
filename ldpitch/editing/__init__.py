"""What people type -> a new Pitch: parsing typed values, rows of edited tables, the tables themselves (imports pitch and engine)."""
