package dev.latchkey.core.domain;

/** The two kinds of token Latchkey issues; the claim value is what simplejwt clients expect. */
public enum TokenType {
    ACCESS("access"),
    REFRESH("refresh");

    private final String claim;

    TokenType(String claim) {
        this.claim = claim;
    }

    public String claim() {
        return claim;
    }

    public static java.util.Optional<TokenType> fromClaim(String value) {
        for (TokenType type : values()) {
            if (type.claim.equals(value)) {
                return java.util.Optional.of(type);
            }
        }
        return java.util.Optional.empty();
    }
}
