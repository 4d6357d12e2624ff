"""The plain-text cleaner's parts: reading lines, guessing the language, judging lines by their
shape and context, finding the article, naming each line's role, and building body blocks.

``classify`` is the entry point; these modules are its steps.
"""
