"""Customer-facing input channels. Each only translates its protocol: every incoming text goes through
guard.read_incoming() (the one inbound pipeline) and every answer through guard.answer_or_apologise()."""
