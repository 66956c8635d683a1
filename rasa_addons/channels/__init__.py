"""Customer-facing input channels. Every one screens incoming text with guard.screen()."""
