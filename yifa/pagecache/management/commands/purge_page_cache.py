from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from yifa.pagecache import store


class Command(BaseCommand):
    help = _("清空页面缓存（发布、修改、撤下网页时会自动清空）。")

    def handle(self, *args: object, **options: object) -> None:
        store.purge()
        self.stdout.write(_("页面缓存已清空：%(path)s") % {"path": store.cache_root()})
