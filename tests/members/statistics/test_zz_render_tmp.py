import pytest
pytestmark = pytest.mark.django_db
def test_dump(client, world, viewer_b):
    client.force_login(viewer_b)
    open("/tmp/stat_page.html","w").write(client.get("/statistics/").content.decode())
    r = client.get("/statistics/export/")
    open("/tmp/stat.xlsx","wb").write(r.content)
