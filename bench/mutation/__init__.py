"""Mutation testing of the parsing, numbers, readability and quality modules (`make mutation`)."""
