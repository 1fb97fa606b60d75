"""Reading and writing files: bundled cases, session files (atomic), exports."""
