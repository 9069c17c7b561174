package dev.latchkey.core;

import dev.latchkey.core.domain.User;
import dev.latchkey.core.domain.Username;
import dev.latchkey.core.port.UserRepository;

import java.util.Optional;

/** Finds an account by what an operator knows of it, e.g. to deactivate it. */
public final class FindUser {

    private final UserRepository users;

    FindUser(UserRepository users) {
        this.users = users;
    }

    /** The account with this username, in any case. */
    public Optional<User> byUsername(String username) {
        return username == null || username.isBlank()
                ? Optional.empty()
                : users.findByUsernameKey(Username.keyOf(username));
    }
}
