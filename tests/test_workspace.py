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


def test_the_templates_are_read_when_first_wanted_not_at_opening(tmp_path, monkeypatch):
    """The start does not parse every template (the home screen shows none of them)."""
    import leersessie.workspace as workspace_module
    from leersessie.workspace import open_workspace

    reads = []
    read = workspace_module.load_catalogue

    def counted(folder):
        reads.append(folder)
        return read(folder)

    monkeypatch.setattr(workspace_module, "load_catalogue", counted)
    workspace = open_workspace(tmp_path / "data")
    try:
        assert reads == []
        assert "actieleren" in workspace.catalogue.templates
        assert workspace.catalogue is workspace.catalogue
        assert reads == [workspace.templates_dir]
        workspace.reload_templates()
        assert len(reads) == 2
    finally:
        workspace.close()
