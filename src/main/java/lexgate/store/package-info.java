/** Where decisions are stored: the Panache entity of a decision record and the store that commits it. */
package lexgate.store;
