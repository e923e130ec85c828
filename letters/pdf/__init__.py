"""How a letter PDF is made: its content, the HTML rendered to PDF, the signature and the files."""
