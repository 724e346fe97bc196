/** Where HTTP comes in: the REST resources, request parsing, and errors as problem details (RFC 9457). */
package lexgate.api;
