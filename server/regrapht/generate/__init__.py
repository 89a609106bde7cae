"""Generation: prompts (data files), the local model, code extraction and file assembly."""
