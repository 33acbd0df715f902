/**
 * The API's wire shapes, shared by the daemon (which writes them) and the client (which reads them), so the
 * two can't disagree. Records only; field names are the JSON names and are a stable interface.
 */
package dev.sandpod.client.model;
