package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.AuditLogContract;
import org.junit.jupiter.api.AfterEach;

import java.util.List;

class H2AuditLogTest extends AuditLogContract {

    private Database database;
    private JdbiAuditLog log;

    @Override
    protected AuditLog newAuditLog() {
        database = TestDatabases.h2();
        log = new JdbiAuditLog(database.jdbi());
        return log;
    }

    @Override
    protected List<AuditEvent> storedEventsOf(String userId) {
        return log.findByUser(userId, 100);
    }

    @AfterEach
    void closeDatabase() {
        if (database != null) {
            database.close();
        }
    }
}
