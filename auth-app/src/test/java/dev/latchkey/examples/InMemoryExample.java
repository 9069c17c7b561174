package dev.latchkey.examples;

import dev.latchkey.core.Latchkey;
import dev.latchkey.core.domain.ClientInfo;
import dev.latchkey.core.domain.Credentials;
import dev.latchkey.core.domain.Registration;
import dev.latchkey.core.domain.TokenPair;

/** Latchkey's core in a plain Java program: no database, no web framework. */
public final class InMemoryExample {

    public static void main(String[] args) {
        Latchkey latchkey = Latchkey.builder().build(); // in memory, bcrypt cost 12, a fresh ES256 key
        System.out.println("logged in and out as " + walkThrough(latchkey));
    }

    /** Register, log in, use the access token, refresh, log out; returns who the token named. */
    static String walkThrough(Latchkey latchkey) {
        ClientInfo client = new ClientInfo("127.0.0.1", "example/1.0");
        latchkey.register().register(new Registration("alice", "alice@example.com", "correct-horse-7", "correct-horse-7"), client);
        TokenPair pair = latchkey.logIn().logIn(new Credentials("alice", "correct-horse-7"), client);
        String name = latchkey.currentUser().of(latchkey.authenticate().caller(pair.access())).username().value();
        TokenPair next = latchkey.refresh().refresh(pair.refresh(), client);
        latchkey.logOut().logOut(latchkey.authenticate().caller(next.access()), next.refresh(), client);
        return name;
    }
}
