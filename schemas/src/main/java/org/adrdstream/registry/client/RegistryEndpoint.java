package org.adrdstream.registry.client;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.config.ConfigException;

/**
 * One registry URL, split into the base URL requests go to and the basic-auth user info that belongs to it
 * (from {@code basic.auth.user.info}, or embedded in the URL as Confluent's URL credential source allows).
 */
record RegistryEndpoint(String baseUrl, String userInfo) {

    static RegistryEndpoint parse(String url, String configuredUserInfo) {
        URI uri;
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url, e.getMessage());
        }
        if (uri.getScheme() == null || uri.getHost() == null
                || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
            throw new ConfigException(SchemaRegistryClientConfig.SCHEMA_REGISTRY_URL_CONFIG, url,
                    "expected http://host:port or https://host:port");
        }
        String userInfo = configuredUserInfo;
        if (userInfo == null && uri.getRawUserInfo() != null) {
            userInfo = URLDecoder.decode(uri.getRawUserInfo(), StandardCharsets.UTF_8);
        }
        String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
        String path = uri.getRawPath() == null ? "" : uri.getRawPath().replaceAll("/+$", "");
        return new RegistryEndpoint(uri.getScheme() + "://" + uri.getHost() + port + path, userInfo);
    }

    boolean isTls() {
        return baseUrl.startsWith("https:");
    }

    @Override
    public String toString() {
        return baseUrl; // never print credentials
    }
}
