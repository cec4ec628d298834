from django.apps import AppConfig
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _website_checks(day):  # type: ignore[no-untyped-def]
    """The 2019 indicators' checks, recorded once a day in the daily runs (the dashboard panel shows them live)."""
    from .staleness import website_checks

    findings = website_checks(day)
    failing = [f.message for f in findings if f.level == "fail"]
    warnings = [f.message for f in findings if f.level != "fail"]
    summary = gettext("不合格 %(fail)s 项，提醒 %(warn)s 项。") % {"fail": len(failing), "warn": len(warnings)}
    return "；".join([summary, *failing[:5]])


def _catalogue_sync(day):  # type: ignore[no-untyped-def]
    """The agencies' catalogues in step with what the modules publish (the power lists' versions take effect by date)."""
    from .catalogue import sync_catalogue, sync_summary

    return sync_summary(sync_catalogue(day))


class PortalConfig(AppConfig):
    name = "yifa.portal"
    label = "portal"
    verbose_name = _("政务公开网站")

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from yifa.core.demo import AFTER_CURRENT_WORK
        from yifa.core.modules import (
            DailyJob,
            DemoLoader,
            Module,
            PublicListing,
            SearchSource,
            register_module,
        )
        from yifa.search.index import set_listing_columns

        from . import agencies, explanations, search, signals  # noqa: F401  (connects the receivers)
        from .categories import ensure_categories
        from .interpretations import uninterpreted_policies
        from .selectors import column_slug_of_listing

        set_listing_columns(column_slug_of_listing)
        post_migrate.connect(ensure_categories, sender=self, dispatch_uid="portal.ensure_categories")

        register_module(Module(
            "portal", verbose_name=self.verbose_name, demo=[DemoLoader(30, "yifa.portal.demo.load_portal_demo"),
                  # After the modules' concluded cases exist: typical cases are drawn from them.
                  DemoLoader(AFTER_CURRENT_WORK, "yifa.portal.demo.load_typical_cases_demo")],
            search_sources=[SearchSource(search.SOURCE, _("文章"), search.article_documents),
                            SearchSource(search.CATALOGUE_SOURCE, _("政府信息公开目录"), search.catalogue_documents),
                            SearchSource(agencies.SEARCH_SOURCE, _("机构信息"), agencies.agency_documents)],
            daily_jobs=[DailyJob("portal.catalogue_sync", _("政府信息公开目录同步（权责清单、答复和留言选登）"),
                                 _catalogue_sync),
                        DailyJob("portal.website_checks", _("网站检查（栏目更新、互动回应等）"), _website_checks)],
            listings=[PublicListing("catalogue", label=_("政府信息公开目录"), url_name="portal:catalogue",
                                    description=_("各机构主动公开的政府信息：索引号、公开类别、发文日期、文号。")),
                      PublicListing("agencies", label=_("机构信息：市政府各部门、乡镇和街道"),
                                    url_name="portal:agencies:index",
                                    description=_("各机构的职能、内设机构、领导信息、办公地址和联系电话"))],
            agency_links=agencies.agency_links,
            website_checks=[uninterpreted_policies, explanations.yearly_check],
            event_types={
                "portal.page_published": _("网页发布"),
                "portal.page_scheduled": _("网页定时发布"),
                "portal.page_unpublished": _("网页撤下"),
                "portal.page_scheduled_withdrawal": _("网页定时撤下"),
                "portal.page_approved": _("网页审核通过"),
                "portal.page_rejected": _("网页审核退回"),
                "portal.page_deleted": _("网页删除"),
                "portal.catalogue_imported": _("导入政府信息公开目录"),
                "portal.catalogue_synced": _("同步政府信息公开目录"),
                "portal.policy_validity_changed": _("政策文件效力状态变更"),
                "portal.case_explanation_drafted": _("起草以案释法文章"),
                "portal.case_explanation_refused": _("起草以案释法文章被拒绝"),
                "portal.page_publication_refused": _("网页发布被拒绝"),
            },
        ))
