from rest_framework.pagination import PageNumberPagination

from portal.common.params import query_int


class PortalPagination(PageNumberPagination):
    """``?page=`` and ``?page_size=`` read by portal.common.params: a value that is not a number is 400 naming
    it (DRF would answer 404 for the page and ignore the size); a page past the end stays 404 and a
    size above the maximum is the maximum."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 500

    def get_page_number(self, request, paginator):
        if request.query_params.get(self.page_query_param, "").strip() in self.last_page_strings:
            return paginator.num_pages
        return query_int(request.query_params, self.page_query_param, minimum=1) or 1

    def get_page_size(self, request):
        size = query_int(request.query_params, self.page_size_query_param, minimum=1)
        return self.page_size if size is None else min(size, self.max_page_size)
