package org.uketsuke.mockbackend;

import java.util.ArrayList;
import java.util.List;
import org.uketsuke.eligibility.wire.MalformedMessageException;

/** Method and path to endpoint: the one list of what the backend answers (docs/backend-api.md). */
final class RouteTable {

    /** Request bodies are read up to this size unless a route allows more. */
    static final int DEFAULT_MAX_BODY = 64 * 1024;

    /** Handles one request; a malformed request message is answered 400 by the server. */
    @FunctionalInterface
    interface Endpoint {
        Reply handle(Exchange exchange) throws MalformedMessageException;
    }

    /** One row of the table. */
    record Route(String method, String path, int maxBody, Endpoint endpoint) {
        static Route get(String path, Endpoint endpoint) {
            return new Route("GET", path, 0, endpoint);
        }

        static Route post(String path, Endpoint endpoint) {
            return new Route("POST", path, DEFAULT_MAX_BODY, endpoint);
        }

        static Route post(String path, int maxBody, Endpoint endpoint) {
            return new Route("POST", path, maxBody, endpoint);
        }
    }

    /** What a request's method and path find. */
    sealed interface Match {
        record Found(Route route) implements Match {}

        /** No route has this path: 404. */
        record NoSuchPath(String path) implements Match {}

        /** The path exists for other methods only: 405. */
        record MethodNotAllowed(String path, List<String> allowed) implements Match {}
    }

    private final List<Route> routes;

    RouteTable(List<Route> routes) {
        for (int i = 0; i < routes.size(); i++) {
            for (int j = i + 1; j < routes.size(); j++) {
                if (routes.get(i).method().equals(routes.get(j).method())
                        && routes.get(i).path().equals(routes.get(j).path())) {
                    throw new IllegalArgumentException("two routes for "
                            + routes.get(i).method() + " " + routes.get(i).path());
                }
            }
        }
        this.routes = List.copyOf(routes);
    }

    Match match(String method, String path) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            if (route.path().equals(path)) {
                if (route.method().equals(method)) {
                    return new Match.Found(route);
                }
                allowed.add(route.method());
            }
        }
        return allowed.isEmpty() ? new Match.NoSuchPath(path) : new Match.MethodNotAllowed(path, List.copyOf(allowed));
    }

    List<Route> routes() {
        return routes;
    }
}
