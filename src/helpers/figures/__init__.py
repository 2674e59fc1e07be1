"""One module per figure. Each builder takes typed frames, a Period and a Layout, and returns
a kit.Figure: the chart, the table of what it plots (with sources), its title and alt text.

- cumulative_releases: the headline chart, people freed against milestones and sanctions steps
- sanctions_and_releases: sanctions actions by jurisdiction against releases
- prisoners_held:      political prisoners held against people freed
- claims_check:       the fact-check ledger as a table graphic
"""
