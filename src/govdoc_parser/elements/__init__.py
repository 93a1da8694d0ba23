"""Stage 4, elements: one parser per 公文 element, working on zoned blocks."""
