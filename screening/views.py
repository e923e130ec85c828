from django.http import HttpResponse


def application_list(request):
    return HttpResponse("")


def application_detail(request, pk):
    return HttpResponse("")
