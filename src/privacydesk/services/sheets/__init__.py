"""The officer's own spreadsheets: reading them in, writing workbooks out."""
