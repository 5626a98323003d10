"""Opening a data folder."""

from __future__ import annotations


def test_pdfs_left_for_the_viewer_are_gone_at_the_next_start(tmp_path):
    from leersessie.workspace import open_workspace

    workspace = open_workspace(tmp_path / "data")
    leftover = workspace.scratch_dir / "Verslag Actieleren Team.pdf"
    leftover.write_bytes(b"%PDF-1.4 oud verslag")
    workspace.close()
    workspace = open_workspace(tmp_path / "data")
    try:
        assert workspace.scratch_dir.is_dir()
        assert list(workspace.scratch_dir.iterdir()) == []
    finally:
        workspace.close()
