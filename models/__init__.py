"""The shipped default model, installed as package data of ``spamdetect.models``."""
