package dev.latchkey.jdbi;

import dev.latchkey.core.domain.AuditEvent;
import dev.latchkey.core.port.AuditLog;
import dev.latchkey.core.port.AuditLogContract;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

class H2AuditLogTest extends AuditLogContract {

    @RegisterExtension
    final FreshDatabase database = FreshDatabase.h2();

    @Override
    protected AuditLog newAuditLog() {
        return new JdbiAuditLog(database.jdbi());
    }

    @Override
    protected List<AuditEvent> storedEventsOf(String userId) {
        return new JdbiAuditLog(database.jdbi()).findByUser(userId, 100);
    }
}
