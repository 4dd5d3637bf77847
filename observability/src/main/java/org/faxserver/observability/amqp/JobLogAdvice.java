package org.faxserver.observability.amqp;

import java.io.IOException;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.faxserver.observability.JobLogContext;
import org.springframework.amqp.core.Message;

/**
 * Listener-container advice: while a message is handled, the logging context carries its envelope's
 * {@code correlationId} (the job id), so every line logged for it says which job it was about.
 * Outermost in the chain, so retries and parking are logged with the job id too.
 */
public final class JobLogAdvice implements MethodInterceptor {
    private static final JsonFactory JSON = new JsonFactory();

    @Override
    public Object invoke(MethodInvocation invocation) throws Throwable {
        try (JobLogContext ignored = JobLogContext.of(jobIdOf(invocation.getArguments()))) {
            return invocation.proceed();
        }
    }

    private static String jobIdOf(Object[] arguments) {
        for (Object argument : arguments) {
            if (argument instanceof Message message) {
                return correlationId(message.getBody());
            }
            if (argument instanceof List<?> batch && !batch.isEmpty() && batch.get(0) instanceof Message message) {
                return correlationId(message.getBody());
            }
        }
        return null;
    }

    /** The top-level {@code correlationId} of an envelope, streamed (the payload is skipped, not parsed). */
    static String correlationId(byte[] json) {
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("correlationId".equals(field)) {
                    return value == JsonToken.VALUE_STRING ? parser.getText() : null;
                }
                parser.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
