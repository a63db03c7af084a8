The first paragraph of a story.

A second one, with a quote: "Yes," she said.

@highlight

First highlight

@highlight

Second highlight
