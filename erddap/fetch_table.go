package erddap

import (
	"context"
	"fmt"
	"iter"
)

// TableFileType is the file type Table and Rows ask the server for: NCCSV
// (ERDDAP 1.76 and later). It declares every column's data type (so long
// and ulong stay exact, and char, byte, ... are told apart), carries the
// units and all the variable and global attributes, streams row by row, and
// ends with *END_DATA*, so a response cut short is an error rather than a
// shorter table. Use TableAs or RowsAs for another file type (".json",
// ".csv", ".jsonlKVP", ...), for example with an older server.
const TableFileType = ".nccsv"

// Table runs a tabledap query and decodes the whole response into typed
// columns (TableFileType on the wire; see DecodeTable for the typing rules).
// A query that matches no rows is an error: ERDDAP answers it with a 404,
// and errors.Is(err, ErrNoData) reports it. A malformed or truncated
// response is a *DecodeError.
func (c *Client) Table(ctx context.Context, q *TableQuery) (*Table, error) {
	return c.TableAs(ctx, q, TableFileType)
}

// TableAs is Table with the response in another file type (one DecodeTable
// reads). opts, when given, supplies type hints (DecodeOptions.Types) for
// the layouts that do not declare types.
func (c *Client) TableAs(ctx context.Context, q *TableQuery, fileType string, opts ...DecodeOptions) (*Table, error) {
	var o DecodeOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	if decodeFileType(fileType) == "" {
		_, _, err := o.open(nil, fileType)
		return nil, err
	}
	u, err := c.tableURL(q, fileType)
	if err != nil {
		return nil, err
	}
	resp, err := c.get(ctx, u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	return o.DecodeTable(resp.Body, fileType)
}

// Rows runs a tabledap query and streams the response row by row
// (TableFileType on the wire). The request is made when the loop starts;
// rows are decoded as they arrive, one at a time, so memory does not grow
// with the row count. Breaking out of the loop closes the response. The
// yielded Row is reused: it is valid until the next iteration (Row.Clone
// keeps one).
//
// An error ends the sequence: the request's (an *Error; errors.Is(err,
// ErrNoData) when the query matched nothing), a *DecodeError for a
// malformed or truncated body (after the rows before it), or the context's
// error when ctx is cancelled mid-stream.
func (c *Client) Rows(ctx context.Context, q *TableQuery) iter.Seq2[Row, error] {
	return c.RowsAs(ctx, q, TableFileType)
}

// RowsAs is Rows with the response in another file type (one DecodeRows
// reads), with optional type hints.
func (c *Client) RowsAs(ctx context.Context, q *TableQuery, fileType string, opts ...DecodeOptions) iter.Seq2[Row, error] {
	var o DecodeOptions
	if len(opts) > 0 {
		o = opts[0]
	}
	return func(yield func(Row, error) bool) {
		if decodeFileType(fileType) == "" {
			_, _, err := o.open(nil, fileType)
			yield(Row{}, err)
			return
		}
		u, err := c.tableURL(q, fileType)
		if err != nil {
			yield(Row{}, err)
			return
		}
		resp, err := c.get(ctx, u)
		if err != nil {
			yield(Row{}, err)
			return
		}
		defer resp.Body.Close()
		for row, err := range o.DecodeRows(resp.Body, fileType) {
			if err == nil {
				err = ctx.Err()
			}
			if err != nil {
				if ctxErr := ctx.Err(); ctxErr != nil {
					err = fmt.Errorf("erddap: reading rows: %w", ctxErr)
				}
				yield(Row{}, err)
				return
			}
			if !yield(row, nil) {
				return
			}
		}
	}
}
