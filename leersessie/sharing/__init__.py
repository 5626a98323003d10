"""A team's history between laptops: the team archive, its merge, the shared folder."""
