package org.uketsuke.mockbackend;

import java.security.cert.X509Certificate;

/**
 * One request as an endpoint sees it.
 *
 * @param path the path in the server's context
 * @param body the request body (empty for GET)
 * @param terminal the client certificate of the TLS session, or null (in-process calls)
 */
record Exchange(String path, byte[] body, X509Certificate terminal) {}
