"""What letters decide without a request or a write: the letter's dates (pure) and the public
answer about a reference, with the limit its page and API share."""
