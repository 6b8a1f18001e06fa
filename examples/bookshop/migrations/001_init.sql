-- bookshop v1: the first schema, as the app's migration tool applied it.
CREATE TABLE customers (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    email      text NOT NULL UNIQUE,
    fullname   text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE books (
    id          uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    isbn        varchar(20) NOT NULL UNIQUE,
    title       text NOT NULL,
    publisher   text,
    price_cents integer NOT NULL DEFAULT 0,
    created_at  timestamptz NOT NULL DEFAULT now()
);
