"""``followup bench_http``'s driver (issue 16 §3), against a real server on loopback."""

from urllib.parse import urlsplit

from followup.devtools.bench import http


def test_the_driver_counts_the_answers_of_a_real_server(live_server, world):
    world.tasks(3)
    address = urlsplit(live_server.url)
    cookie = http.session_cookie(world.alice)
    rate = http.drive(address.hostname, address.port, "/tasks/", cookie, seconds=1, connections=2)
    assert rate.requests > 0 and rate.errors == 0
    assert rate.per_second > 0 and rate.bytes > 1000


def test_a_page_that_is_not_200_counts_as_an_error(live_server, world):
    address = urlsplit(live_server.url)
    rate = http.drive(address.hostname, address.port, "/tasks/", "sessionid=nobody", seconds=1, connections=1)
    assert rate.requests == 0 and rate.errors > 0  # the login page's redirect


def test_the_ratio_is_the_median_of_the_rounds():
    def pair(page, twin):
        return http.Pair(http.Rate("/tasks/", requests=page, seconds=1), http.Rate("/twin/", requests=twin, seconds=1))

    result = http.Throughput([pair(80, 100), pair(90, 100), pair(50, 100)])
    assert result.ratio == 0.8 and result.holds
    assert not http.Throughput([pair(70, 100)]).holds
