package erddap

import (
	"context"
	"fmt"
	"io"
)

// Download runs a tabledap query and copies the response body, in any file
// type (".nc", ".ncCF", ".parquet", ".csv", ...), to w as it arrives. It
// returns the number of bytes written. An error answer (including a query
// with no rows, which matches ErrNoData) writes nothing to w.
func (c *Client) Download(ctx context.Context, q *TableQuery, fileType string, w io.Writer) (int64, error) {
	u, err := c.tableURL(q, fileType)
	if err != nil {
		return 0, err
	}
	return c.download(ctx, u, w)
}

// DownloadGrid is Download for a griddap query (".nc", ".csv", ".json", ...).
func (c *Client) DownloadGrid(ctx context.Context, q *GridQuery, fileType string, w io.Writer) (int64, error) {
	u, err := c.gridURL(q, fileType)
	if err != nil {
		return 0, err
	}
	return c.download(ctx, u, w)
}

func (c *Client) download(ctx context.Context, u string, w io.Writer) (int64, error) {
	resp, err := c.get(ctx, u)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	n, err := io.Copy(w, resp.Body)
	if err != nil {
		return n, fmt.Errorf("erddap: download %s: %w", redactURL(u), err)
	}
	return n, nil
}
